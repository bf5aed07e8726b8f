package org.vae4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The root command's list of commands, in headed groups by theme, each command with the first line of its
 * description. A command in no group is listed last, under {@value #OTHER}, so that none is ever hidden.
 */
final class CommandGroups implements IHelpSectionRenderer {

    static final String OTHER = "Other";

    /** Command names by group heading, in the order shown. */
    private final Map<String, List<String>> groups;

    CommandGroups(Map<String, List<String>> groups) {
        this.groups = groups;
    }

    @Override
    public String render(Help help) {
        Map<String, Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        Map<String, List<String>> shown = new LinkedHashMap<>(groups);
        List<String> other = new ArrayList<>(commands.keySet());
        groups.values().forEach(other::removeAll);
        if (!other.isEmpty()) {
            shown.merge(OTHER, other, (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        int width = help.commandSpec().usageMessage().width();
        int nameWidth = Math.min(commands.keySet().stream().mapToInt(String::length).max().orElse(0), width / 2) + 2;
        StringBuilder text = new StringBuilder();
        shown.forEach((heading, names) -> {
            TextTable table = new UsageHelp.SpaceBreakingTable(help.colorScheme(),
                    new Column(nameWidth, 2, Column.Overflow.SPAN), new Column(width - nameWidth, 2, Column.Overflow.WRAP));
            for (String name : names) {
                Help command = commands.get(name);
                if (command != null) {
                    table.addRowValues(command.commandNamesText(", "), help.colorScheme().text(summary(command)));
                }
            }
            text.append(help.createHeading("%n" + heading + ":%n")).append(table);
        });
        return text.toString();
    }

    /** The first line of the command's header, else of its description. */
    private static String summary(Help command) {
        UsageMessageSpec usage = command.commandSpec().usageMessage();
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return lines.length > 0 ? lines[0] : "";
    }
}
