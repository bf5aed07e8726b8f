package org.vae4j.cli;

import java.util.Map;
import org.vae4j.error.SettingException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The flag that sets each library setting: a setting the library refuses is reported with the flag the
 * user typed ("--lr must be positive, got 0"), not the library's name for it.
 */
final class Flags {

    private static final Map<String, String> BY_SETTING = Map.ofEntries(
            Map.entry("latentDim", "--latent"), Map.entry("latent", "--latent"), Map.entry("hidden", "--hidden"),
            Map.entry("sigma", "--sigma"), Map.entry("prior", "--prior"), Map.entry("components", "--components"),
            Map.entry("epochs", "--epochs"), Map.entry("batchSize", "--batch"), Map.entry("learningRate", "--lr"),
            Map.entry("beta", "--beta"), Map.entry("warmupEpochs", "--warmup"), Map.entry("binarize", "--binarize"),
            Map.entry("seed", "--seed"), Map.entry("objective", "--objective"), Map.entry("k", "--k"),
            Map.entry("estimator", "--estimator"), Map.entry("steps", "--steps"), Map.entry("samples", "--step-draws"),
            Map.entry("draws", "--draws"), Map.entry("repeats", "--repeats"), Map.entry("maxIterations", "--iterations"),
            Map.entry("tolerance", "--tolerance"), Map.entry("regularization", "--regularization"),
            Map.entry("freeBits", "--free-bits"), Map.entry("filters", "--channels"), Map.entry("hierarchy", "--inference"),
            Map.entry("resize", "--resize"), Map.entry("architecture", "--arch"));

    private Flags() {
    }

    /**
     * "FLAG problem" when the command has the flag that sets the refused setting, the library's own
     * message otherwise.
     */
    static String describe(SettingException e, CommandSpec command) {
        String flag = BY_SETTING.get(e.setting());
        return flag != null && command.findOption(flag) != null ? flag + " " + e.problem() : e.getMessage();
    }
}
