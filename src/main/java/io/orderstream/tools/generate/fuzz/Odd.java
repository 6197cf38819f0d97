package io.orderstream.tools.generate.fuzz;

/** One odd but valid file: a single event that must land as {@code lands} says. */
record Odd(String kind, byte[] bytes, FuzzInput.Lands lands) {}
