package org.gluster.events.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * {@code gluster-eventsapi} with no arguments: a JLine shell offering the same commands, with tab
 * completion of commands, options, webhook URLs and config names, a history kept in
 * {@code ~/.gluster-eventsapi_history}, {@code help}, and {@code exit}. Ctrl-C ends what runs
 * (such as {@code tail}), Ctrl-D or {@code exit} ends the shell.
 */
final class InteractiveShell {
    private InteractiveShell() {
    }

    /** @param global the {@code --workdir DIR} given at start, added to every command */
    static int run(CommandLine commandLine, String[] global) throws IOException {
        if (global.length > 0) System.setProperty(WebhookUrls.WORKDIR_PROPERTY, global[global.length - 1].replace("--workdir=", ""));
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Path history = Path.of(System.getProperty("user.home"), ".gluster-eventsapi_history");
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("gluster-eventsapi")
                    .completer(new PicocliJLineCompleter(commandLine.getCommandSpec()))
                    .parser(new DefaultParser())
                    .variable(LineReader.HISTORY_FILE, history)
                    .build();
            commandLine.setOut(terminal.writer());
            commandLine.setErr(terminal.writer());
            terminal.writer().println("gluster-eventsapi shell: TAB completes, 'help' lists the commands, 'exit' or Ctrl-D leaves.");
            while (true) {
                String line;
                try {
                    line = reader.readLine("gluster-eventsapi> ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    break;
                }
                List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
                if (words.isEmpty()) continue;
                if (words.get(0).equals("exit") || words.get(0).equals("quit")) break;
                List<String> command = new java.util.ArrayList<>(words);
                boolean help = words.get(0).equals("help") || words.size() > 1 && words.get(1).equals("help"); // bundle help install
                if (!help) command.addAll(List.of(global));
                runInterruptibly(terminal, commandLine, command.toArray(String[]::new));
                terminal.writer().flush();
            }
            if (!Files.exists(history.getParent())) return ExitCode.OK;
            reader.getHistory().save();
            return ExitCode.OK;
        }
    }

    /** Runs one command; Ctrl-C interrupts it (a {@code tail} ends) instead of ending the shell. */
    private static void runInterruptibly(Terminal terminal, CommandLine commandLine, String[] words) {
        Thread runner = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.interrupt());
        try {
            commandLine.execute(EventsApi.commandFirst(words));
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted(); // a Ctrl-C that came late must not hit the next prompt
        }
    }
}
