package io.orderstream.source.inputs;

import java.io.Serializable;

/**
 * One input a discovery found: enough to read it later on any executor, and to recognise it again.
 *
 * @param name what the quarantine shows as the input's {@code source}
 * @param uri the Hadoop URI to open, encoded so that any character of a file name survives
 * @param size its length in bytes when discovered
 */
public record InputRef(String name, String uri, long size) implements Serializable {}
