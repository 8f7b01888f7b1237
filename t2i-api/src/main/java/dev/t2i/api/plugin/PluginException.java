package dev.t2i.api.plugin;

/** A plugin set that cannot start: duplicate names, a malformed registration. */
public class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
