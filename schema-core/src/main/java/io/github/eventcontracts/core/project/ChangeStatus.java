package io.github.eventcontracts.core.project;

/** What happened to a contract between the baseline and the current tree. */
public enum ChangeStatus {
  NEW,
  CHANGED,
  UNCHANGED,
  REMOVED,
  /** The baseline could not give this contract's history (an answer it could not be asked for): not checked, a failure. */
  UNCHECKED
}
