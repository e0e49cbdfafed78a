package dev.coffer.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a JDBC connection and counts, per table, the rows its statements change, and the queries
 * that mention {@code secret_versions} and the rows they return: what a repository call costs,
 * independent of timing. Tests of other layers count a whole unit of work with {@link #write}.
 */
public final class RowCounter {
  private static final Pattern WRITE =
      Pattern.compile(
          "^\\s*(?:INSERT INTO|UPDATE|DELETE FROM)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

  private final Map<String, Integer> written = new HashMap<>();
  private int versionRowsRead;
  private int versionQueries;

  /** Rows of {@code table} inserted, updated or deleted since the last {@link #reset}. */
  public int written(String table) {
    return written.getOrDefault(table, 0);
  }

  /** Rows returned by queries over {@code secret_versions} since the last {@link #reset}. */
  public int versionRowsRead() {
    return versionRowsRead;
  }

  /** Queries over {@code secret_versions} run since the last {@link #reset}. */
  public int versionQueries() {
    return versionQueries;
  }

  public void reset() {
    written.clear();
    versionRowsRead = 0;
    versionQueries = 0;
  }

  /**
   * Runs {@code work} in a write transaction of {@code store} (or the one open on this thread)
   * whose repositories, from the start of {@code work}, count here. Service calls made inside join
   * that transaction, so their statements are counted too.
   */
  public <T> T write(Store store, Store.Work<T> work) {
    return store.write(tx -> {
      tx.routeThrough(this::wrap);
      return work.run(tx);
    });
  }

  Connection wrap(Connection raw) {
    Connection[] self = new Connection[1];
    self[0] =
        proxy(
            Connection.class,
            (p, m, args) -> {
              switch (m.getName()) {
                case "unwrap":
                  // The statement cache prepares on the unwrapped connection: keep counting there.
                  return self[0];
                case "isWrapperFor":
                  return true;
                case "prepareStatement":
                  PreparedStatement ps = (PreparedStatement) call(raw, m, args);
                  return statement(ps, (String) args[0]);
                default:
                  return call(raw, m, args);
              }
            });
    return self[0];
  }

  private PreparedStatement statement(PreparedStatement ps, String sql) {
    boolean readsVersions = sql.toLowerCase(Locale.ROOT).contains("secret_versions");
    Matcher w = WRITE.matcher(sql);
    String target = w.find() ? w.group(1).toLowerCase(Locale.ROOT) : null;
    return proxy(
        PreparedStatement.class,
        (p, m, args) -> {
          Object result = call(ps, m, args);
          if (m.getName().equals("executeUpdate") && target != null) {
            written.merge(target, (Integer) result, Integer::sum);
          } else if (m.getName().equals("executeQuery") && readsVersions) {
            versionQueries++;
            return counted((ResultSet) result);
          }
          return result;
        });
  }

  private ResultSet counted(ResultSet rs) {
    return proxy(
        ResultSet.class,
        (p, m, args) -> {
          Object result = call(rs, m, args);
          if (m.getName().equals("next") && Boolean.TRUE.equals(result)) {
            versionRowsRead++;
          }
          return result;
        });
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler h) {
    return type.cast(
        Proxy.newProxyInstance(RowCounter.class.getClassLoader(), new Class<?>[] {type}, h));
  }
}
