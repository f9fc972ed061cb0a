package ai.devbot.simulator.telegram.user;

import java.util.List;
import java.util.Locale;

import ai.devbot.simulator.telegram.world.BotAction;
import ai.devbot.simulator.telegram.world.BotAction.Button;

/** The bot's actions as a person reads them in a terminal: buttons numbered to press, files with their path. */
final class TranscriptRenderer {

    private TranscriptRenderer() {
    }

    static String render(List<BotAction> actions) {
        StringBuilder out = new StringBuilder();
        for (BotAction action : actions) {
            switch (action.kind()) {
                case MESSAGE -> block(out, "bot", action.text());
                case EDIT -> block(out, "bot (edited message " + action.messageId() + ")", action.text());
                case CHAT_ACTION -> out.append("  … bot is ").append(action.action().replace('_', ' ')).append('\n');
                case CALLBACK_ANSWER -> {
                    if (action.text() != null) {
                        out.append("  (").append(Boolean.TRUE.equals(action.showAlert()) ? "alert" : "notice")
                                .append(") ").append(action.text()).append('\n');
                    }
                }
                case DOCUMENT -> {
                    var document = action.document();
                    out.append("bot sent a file: ").append(document.fileName()).append(" (")
                            .append(size(document.size())).append(", sha256 ")
                            .append(document.sha256(), 0, 12).append("…)\n");
                    if (document.savedTo() != null) {
                        out.append("  saved to ").append(document.savedTo()).append('\n');
                    }
                    if (action.text() != null && !action.text().isBlank()) {
                        out.append("  ").append(action.text()).append('\n');
                    }
                }
                case INVOICE -> {
                    var invoice = action.invoice();
                    out.append("bot sent an invoice: ").append(invoice.title()).append(" — ")
                            .append(invoice.totalAmount()).append(" ⭐\n  ").append(invoice.description())
                            .append("\n  (pay it with /pay)\n");
                }
                case PRE_CHECKOUT_ANSWER -> out.append(Boolean.TRUE.equals(action.ok()) ? "  payment accepted by the bot\n"
                        : "  payment refused by the bot: " + action.errorMessage() + "\n");
                case REFUND -> out.append("  ").append(action.text()).append('\n');
            }
            if (action.buttons() != null && !action.buttons().isEmpty()) {
                buttons(out, action.buttons());
            }
        }
        return out.toString();
    }

    private static void block(StringBuilder out, String who, String text) {
        out.append(who).append(":\n");
        for (String line : text.split("\n", -1)) {
            out.append("  ").append(line).append('\n');
        }
    }

    private static void buttons(StringBuilder out, List<List<Button>> rows) {
        int number = 1;
        for (List<Button> row : rows) {
            out.append("   ");
            for (Button button : row) {
                out.append(" [").append(number++).append("] ").append(button.text());
                if (button.url() != null) {
                    out.append(" <").append(button.url()).append('>');
                }
            }
            out.append('\n');
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
