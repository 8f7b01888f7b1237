/**
 * Runnable examples. Each has a {@code runExample(String...)} that a test calls with small
 * settings, so a broken example fails the build.
 */
package dev.t2i.examples;
