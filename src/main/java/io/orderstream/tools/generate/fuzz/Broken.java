package io.orderstream.tools.generate.fuzz;

import io.orderstream.event.RejectReason;

/**
 * One broken input: its bytes (one line, no line break) and the reason it must be quarantined with.
 *
 * @param json whether the bytes are one valid JSON value, so it can also be an element of an array
 */
record Broken(String kind, byte[] bytes, RejectReason reason, boolean json) {}
