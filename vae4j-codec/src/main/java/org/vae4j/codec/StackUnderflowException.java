package org.vae4j.codec;

/** A pop needed a word and the rANS stack had none left: seed it with more initial words. */
public final class StackUnderflowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    StackUnderflowException() {
        super("the rANS stack ran out of bits: seed it with more initial words");
    }
}
