package org.vae4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Picocli's usage help with lines broken only at spaces. Picocli wraps with the JDK's line BreakIterator,
 * which also breaks inside a token after a full stop ("mnist@1.&#x23ce;1.0", "curves.&#x23ce;png", "e.&#x23ce;g.").
 * The width stays picocli's default, 80 columns (not {@code usageHelpAutoWidth}), so that the help reads the
 * same on every terminal and in the tests; the system property {@code picocli.usage.width} changes it.
 */
final class UsageHelp extends Help {

    UsageHelp(CommandSpec command, ColorScheme colors) {
        super(command, colors);
    }

    /** The option list: picocli's columns, broken at spaces. */
    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
            ColorScheme colors) {
        TextTable picocli = TextTable.forDefaultColumns(colors, calcLongOptionColumnWidth(options, positionals, colors),
                commandSpec().usageMessage().width());
        return new Layout(colors, new SpaceBreakingTable(colors, picocli.columns()), createDefaultOptionRenderer(),
                createDefaultParameterRenderer());
    }

    /** The command's description, one paragraph per line of its {@code description}, broken at spaces. */
    @Override
    public String description(Object... params) {
        TextTable table = new SpaceBreakingTable(colorScheme(),
                TextTable.forColumnWidths(colorScheme(), commandSpec().usageMessage().width()).columns());
        table.indentWrappedLines = 0;
        for (String paragraph : commandSpec().usageMessage().description()) {
            table.addRowValues(String.format(paragraph, params));
        }
        return table.toString();
    }

    /**
     * The synopsis, "Usage: vae4j NAME" and the options, its lines indented under the first option: picocli's
     * {@code insertSynopsisCommandName}, but broken at spaces, so that "[--labels=Y[,Y...]]" stays whole.
     */
    @Override
    protected String insertSynopsisCommandName(int synopsisHeadingLength, Text optionsAndParameters) {
        UsageMessageSpec usage = commandSpec().usageMessage();
        String name = commandSpec().qualifiedName();
        int indent = synopsisHeadingLength + name.length() + 1;
        if (indent > usage.synopsisAutoIndentThreshold() * usage.width()) {
            indent = usage.synopsisIndent() < 0 ? synopsisHeadingLength : usage.synopsisIndent();
        }
        TextTable table = new SpaceBreakingTable(colorScheme(),
                TextTable.forColumnWidths(colorScheme(), usage.width()).columns());
        table.indentWrappedLines = indent;
        // the heading's place, filled with one word that the heading replaces
        Text heading = colorScheme().text("X".repeat(synopsisHeadingLength));
        table.addRowValues(heading.concat(colorScheme().commandText(name)).concat(optionsAndParameters));
        return table.toString().substring(synopsisHeadingLength);
    }

    /** A text table whose wrapping columns break lines at spaces only; a word wider than its column stands alone. */
    static final class SpaceBreakingTable extends TextTable {

        private final ColorScheme colors;

        SpaceBreakingTable(ColorScheme colors, Column... columns) {
            super(colors, columns);
            this.colors = colors;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (column.overflow != Column.Overflow.WRAP || value == null) {
                return super.putValue(row, col, value);
            }
            int first = column.width - column.indent;
            List<int[]> lines = lines(value.plainString(), first, first - indentWrappedLines);
            if (lines.isEmpty()) {
                return super.putValue(row, col, value);
            }
            Text indent = colors.text(" ".repeat(indentWrappedLines));
            Cell cell = super.putValue(row, col, value.substring(lines.get(0)[0], lines.get(0)[1]));
            for (int[] line : lines.subList(1, lines.size())) {
                addEmptyRow();
                cell = super.putValue(cell.row + 1, col, indent.concat(value.substring(line[0], line[1])));
            }
            return cell;
        }

        /**
         * Where {@code text} breaks into lines at spaces: [start, end) of each line, the first at most
         * {@code firstWidth} characters, the others {@code width}; the spaces at a break belong to no line.
         */
        static List<int[]> lines(String text, int firstWidth, int width) {
            List<int[]> lines = new ArrayList<>();
            int start = 0;
            while (start < text.length()) {
                int limit = start + (lines.isEmpty() ? firstWidth : width);
                int end;
                if (limit >= text.length()) {
                    end = text.length();
                } else {
                    end = text.lastIndexOf(' ', limit);
                    if (end <= start) {
                        end = text.indexOf(' ', limit);
                        end = end < 0 ? text.length() : end;
                    }
                }
                lines.add(new int[] {start, end});
                start = end;
                while (start < text.length() && text.charAt(start) == ' ') {
                    start++;
                }
            }
            return lines;
        }
    }
}
