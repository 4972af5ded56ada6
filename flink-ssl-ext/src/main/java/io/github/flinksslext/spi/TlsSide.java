package io.github.flinksslext.spi;

/** Which end of a connection a context is for. */
public enum TlsSide {
    SERVER,
    CLIENT
}
