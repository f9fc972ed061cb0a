package ai.devbot.orchestrator.quote;

import ai.devbot.orchestrator.reply.Markdown;

/**
 * An estimate of what some tasks will cost: a low–high range in credits, from measured history or from the
 * worst-case defaults, and what the user has available.
 */
public record Quote(int tasks, long low, long high, boolean measured, long available, double creditsPerStar) {

    /** Stars the credits cost at the smallest pack's rate, rounded up; null when no pack is on sale. */
    public Long stars(long credits) {
        return creditsPerStar <= 0 ? null : (long) Math.ceil(credits / creditsPerStar);
    }

    /** One line for the user: the range, in Stars too, and whether the balance covers it. */
    public String line() {
        String range = low == high ? Markdown.credits(high) : Markdown.number(low) + "–" + Markdown.credits(high);
        Long starsLow = stars(low);
        Long starsHigh = stars(high);
        String stars = starsHigh == null ? "" : " (≈ " + (starsLow.equals(starsHigh) ? ""
                : Markdown.number(starsLow) + "–") + Markdown.number(starsHigh) + " ⭐)";
        String basis = measured ? "from what similar tasks have cost" : "a first estimate from the models' limits";
        String cover = available >= high ? "your balance covers it"
                : available >= low ? "your balance may not cover all of it (/buy)"
                : "more than your balance (" + Markdown.credits(available) + "; /buy)";
        return "💰 Estimated: " + range + stars + " for " + tasks + (tasks == 1 ? " task" : " tasks") + " — " + basis
                + "; " + cover + ".";
    }
}
