package io.github.eventcontracts.core.compat;

/** Which schema reads and which wrote, in one comparison. */
public enum Direction {
  /** The new schema reads data written with a previous one. */
  BACKWARD,
  /** A previous schema reads data written with the new one. */
  FORWARD
}
