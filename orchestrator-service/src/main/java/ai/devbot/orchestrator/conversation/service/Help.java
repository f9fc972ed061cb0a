package ai.devbot.orchestrator.conversation.service;

/** The command list users see on /start, /help and after an unknown command. */
final class Help {

    static final String COMMANDS = """
            **Commands**
            /newproject IDEA — plan a new project (or just send the idea as a message)
            /implement — implement the next task · `/implement 4` — task 4 · `/implement all` — every open task (each shows its quote first)
            /status — the active project and what is running
            /tasks — the to-do list · /files — the files · `/show PATH` — one file
            /projects — your projects · `/use ID` — switch to one · /import — bring existing code: send a .zip, or `/import LINK` for a public git repository
            /diff — what the last task changed · `/diff 4` — task 4 · /undo — take the last task back (`/undo 4` — task 4)
            /test — run the project's tests now · /readme — write the project's README · /download — the code as a zip
            `/push git@github.com:you/repo.git` — push the history to a repository of yours (with a deploy key I make) · /push — push again · /forget — delete that key
            /credits — your balance and where it went · /buy — more credits with Telegram Stars · /settings — when work starts without asking
            /model — the project's model tier (cheaper or stronger models) and what a task costs in each
            /cancel — stop the running job (or one paused at a task's cap)
            A task that keeps failing pauses at its cap and asks: try again, undo it, skip it or stop.
            While a project is active, any message is a change request: it becomes new tasks.
            Every task's tests run in a sandbox before it is done. Projects it can run: Python 3.11 with pytest,
            Node.js 20 with `node --test` or `npm test`; dependencies install from the package registries, the
            tests themselves run without network.""";

    private Help() {
    }
}
