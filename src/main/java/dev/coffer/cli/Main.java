package dev.coffer.cli;

/** Entry point of the {@code coffer} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("coffer");
  }
}
