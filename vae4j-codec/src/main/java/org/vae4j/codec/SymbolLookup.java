package org.vae4j.codec;

/**
 * A quantised CDF as the rANS decoder needs it: symbol s owns the slots [start(s), start(s) +
 * frequency(s)) of [0, 2^precision), and symbolAt finds the owner of a slot.
 */
public interface SymbolLookup {

    /** The symbol s with start(s) <= slot < start(s) + frequency(s). */
    int symbolAt(int slot);

    /** The cumulative frequency of the symbols before s. */
    int start(int symbol);

    /** The quantised frequency of s, at least 1. */
    int frequency(int symbol);
}
