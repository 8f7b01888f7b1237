/**
 * Reading data set files safely: paths confined to the data set's root, captions as strict UTF-8,
 * images whose decoder warnings count as corruption, and one policy for every problem.
 */
package dev.t2i.datasets.io;
