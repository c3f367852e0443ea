package io.github.eventcontracts.core.project;

/** What happened to a contract between the baseline and the current tree. */
public enum ChangeStatus {
  NEW,
  CHANGED,
  UNCHANGED,
  REMOVED
}
