package ai.devbot.gateway.reply.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders Markdown (from models and the orchestrator) into the HTML subset Telegram accepts:
 * {@code b i s code pre a blockquote}. Everything else becomes text, escaped — raw HTML a model
 * writes is shown, not interpreted. Telegram has no headings, lists or tables, so headings turn
 * bold, lists get bullet or number prefixes, and tables become aligned monospace blocks.
 */
@ApplicationScoped
public class MarkdownToTelegramHtml {

    private static final Pattern SAFE_LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,32}");
    private static final String RULE = "──────────";

    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create()))
            .build();

    public String render(String markdown) {
        var out = new StringBuilder(markdown.length() + 64);
        blocks(parser.parse(markdown), out, 0, false);
        return out.toString().strip();
    }

    private void blocks(Node parent, StringBuilder out, int listDepth, boolean inQuote) {
        boolean first = true;
        for (Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            if (!first) {
                out.append(parent instanceof ListItem ? "\n" : "\n\n");
            }
            first = false;
            block(block, out, listDepth, inQuote);
        }
    }

    private void block(Node block, StringBuilder out, int listDepth, boolean inQuote) {
        if (block instanceof Heading) {
            out.append("<b>");
            inlines(block, out);
            out.append("</b>");
        } else if (block instanceof FencedCodeBlock fenced) {
            String info = fenced.getInfo() == null ? "" : fenced.getInfo().strip().split("\\s+", 2)[0];
            code(fenced.getLiteral(), SAFE_LANGUAGE.matcher(info).matches() ? info : null, out);
        } else if (block instanceof IndentedCodeBlock indented) {
            code(indented.getLiteral(), null, out);
        } else if (block instanceof HtmlBlock html) {
            out.append(escape(trimEnd(html.getLiteral())));
        } else if (block instanceof ThematicBreak) {
            out.append(RULE);
        } else if (block instanceof BlockQuote) {
            // Telegram does not nest quotes: an inner quote's text joins the outer one.
            if (!inQuote) {
                out.append("<blockquote>");
            }
            blocks(block, out, listDepth, true);
            if (!inQuote) {
                out.append("</blockquote>");
            }
        } else if (block instanceof ListBlock list) {
            list(list, out, listDepth, inQuote);
        } else if (block instanceof TableBlock table) {
            table(table, out);
        } else {
            inlines(block, out);
        }
    }

    private void list(ListBlock list, StringBuilder out, int depth, boolean inQuote) {
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        String indent = "   ".repeat(depth);
        boolean first = true;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append(indent).append(list instanceof BulletList ? (depth % 2 == 0 ? "• " : "◦ ") : number++ + ". ");
            blocks(item, out, depth + 1, inQuote);
        }
    }

    private void code(String literal, String language, StringBuilder out) {
        out.append("<pre>");
        if (language != null) {
            out.append("<code class=\"language-").append(language).append("\">");
        }
        out.append(escape(trimEnd(literal)));
        if (language != null) {
            out.append("</code>");
        }
        out.append("</pre>");
    }

    /** A table as a monospace block: Telegram has no table markup, and aligned columns read well. */
    private void table(TableBlock table, StringBuilder out) {
        List<List<String>> rows = new ArrayList<>();
        List<TableCell.Alignment> alignments = new ArrayList<>();
        int headerRows = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                List<String> cells = new ArrayList<>();
                int column = 0;
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext(), column++) {
                    cells.add(plainText(cell));
                    if (cell instanceof TableCell tableCell && alignments.size() <= column) {
                        alignments.add(tableCell.getAlignment());
                    }
                    if (cell instanceof TableCell tableCell && tableCell.isHeader() && column == 0) {
                        headerRows++;
                    }
                }
                rows.add(cells);
            }
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        var text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                text.append('\n');
            }
            List<String> row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                String cell = c < row.size() ? row.get(c) : "";
                boolean right = c < alignments.size() && alignments.get(c) == TableCell.Alignment.RIGHT;
                String pad = " ".repeat(widths[c] - width(cell));
                text.append(c == 0 ? "" : " │ ").append(right ? pad + cell : cell + (c == columns - 1 ? "" : pad));
            }
            if (r == headerRows - 1) {
                text.append('\n');
                for (int c = 0; c < columns; c++) {
                    text.append(c == 0 ? "" : "─┼─").append("─".repeat(widths[c]));
                }
            }
        }
        out.append("<pre>").append(escape(text.toString())).append("</pre>");
    }

    private void inlines(Node parent, StringBuilder out) {
        new Inlines(out).children(parent);
    }

    /**
     * One paragraph's inline nodes, with the formats open around the current node. Telegram keeps only one
     * format when code sits inside bold or italic, and drops a link whose text is code: so code closes the
     * formats around it and opens them again after, and inside a link it is plain text.
     */
    private static final class Inlines {
        private final StringBuilder out;
        private final java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        private int inLink;

        Inlines(StringBuilder out) {
            this.out = out;
        }

        void children(Node parent) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                inline(node);
            }
        }

        private void inline(Node node) {
            if (node instanceof Text text) {
                out.append(escape(text.getLiteral()));
            } else if (node instanceof Code code) {
                code(code.getLiteral());
            } else if (node instanceof StrongEmphasis) {
                wrap("b", node);
            } else if (node instanceof Emphasis) {
                wrap("i", node);
            } else if (node instanceof Strikethrough) {
                wrap("s", node);
            } else if (node instanceof Link link) {
                linked(link.getDestination(), node);
            } else if (node instanceof Image image) {
                linked(image.getDestination(), node);
            } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                // Chat text is written line by line: a single newline is meant as one.
                out.append('\n');
            } else if (node instanceof HtmlInline html) {
                out.append(escape(html.getLiteral()));
            } else {
                children(node);
            }
        }

        private void code(String literal) {
            if (inLink > 0) {
                out.append(escape(literal));
                return;
            }
            open.descendingIterator().forEachRemaining(tag -> out.append("</").append(tag).append('>'));
            out.append("<code>").append(escape(literal)).append("</code>");
            open.iterator().forEachRemaining(tag -> out.append('<').append(tag).append('>'));
        }

        private void wrap(String tag, Node node) {
            out.append('<').append(tag).append('>');
            open.addLast(tag);
            children(node);
            open.removeLast();
            out.append("</").append(tag).append('>');
        }

        /** Links only to the web: any other scheme (tg://, javascript:, mailto:…) keeps its text only. */
        private void linked(String destination, Node node) {
            String scheme = destination == null ? "" : destination.strip().toLowerCase(Locale.ROOT);
            if (inLink == 0 && (scheme.startsWith("https://") || scheme.startsWith("http://"))) {
                out.append("<a href=\"").append(escape(destination.strip()).replace("\"", "&quot;")).append("\">");
                inLink++;
                children(node);
                inLink--;
                out.append("</a>");
            } else {
                children(node);
            }
        }
    }

    private static String plainText(Node parent) {
        var text = new StringBuilder();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Text t) {
                text.append(t.getLiteral());
            } else if (node instanceof Code code) {
                text.append(code.getLiteral());
            } else if (node instanceof HtmlInline html) {
                text.append(html.getLiteral());
            } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                text.append(' ');
            } else {
                text.append(plainText(node));
            }
        }
        return text.toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String trimEnd(String text) {
        return text == null ? "" : text.stripTrailing();
    }

    public static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
