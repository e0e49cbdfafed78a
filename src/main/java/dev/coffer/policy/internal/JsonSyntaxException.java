package dev.coffer.policy.internal;

/** The text is not valid JSON; the message names the problem and where it is. */
public final class JsonSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String problem;

  JsonSyntaxException(String problem, int line, int column) {
    super(problem + " at line " + line + ", column " + column, null, false, false);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** 1-based line of the error. */
  public int line() {
    return line;
  }

  /** 1-based column of the error. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }
}
