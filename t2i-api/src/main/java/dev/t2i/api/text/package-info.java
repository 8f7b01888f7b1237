/** Text handling shared by every stage: the one tokenizer. */
package dev.t2i.api.text;
