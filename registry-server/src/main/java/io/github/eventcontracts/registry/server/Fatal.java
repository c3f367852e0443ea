package io.github.eventcontracts.registry.server;

/**
 * What to do when the JVM itself fails (out of memory, an internal error): say so and end the
 * process at once, with exit code 70, so a supervisor restarts it. A registry that lost a thread
 * to an OutOfMemoryError would otherwise stay up answering nothing, or answering from a state it
 * could not finish changing.
 */
final class Fatal {
  static final int EXIT_CODE = 70;

  private Fatal() {}

  static void halt(String where, Throwable error) {
    try {
      System.err.println("registry-server: fatal " + error + " " + where + "; ending the process (exit " + EXIT_CODE
          + ") so that it can be restarted");
      System.err.flush();
    } finally {
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }

  /** Any thread of the process that dies of a VirtualMachineError ends the process. */
  static void installHandler() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      if (error instanceof VirtualMachineError) {
        halt("in thread " + thread.getName(), error);
      } else if (previous != null) {
        previous.uncaughtException(thread, error);
      } else {
        System.err.println("registry-server: thread " + thread.getName() + " died: " + error);
      }
    });
  }
}
