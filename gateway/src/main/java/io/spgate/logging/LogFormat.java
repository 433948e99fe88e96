package io.spgate.logging;

/** How log lines are written: one JSON object per line for log pipelines, or text for people reading a terminal. */
public enum LogFormat {
  JSON,
  TEXT
}
