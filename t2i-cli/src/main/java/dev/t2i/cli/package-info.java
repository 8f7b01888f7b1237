/**
 * The {@code t2i} command line: one picocli command per job. Configuration and input errors print
 * their located message and exit with status 2; other failures exit with 1.
 */
package dev.t2i.cli;
