package org.gluster.events.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gluster-eventsapi}: manage Gluster eventing. */
@Command(name = "gluster-eventsapi", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Manage the Gluster Events API: webhooks and the glustereventsd daemon.",
                "Every sub-command takes --json and --workdir; 'gluster-eventsapi help COMMAND' explains one."},
        subcommands = {StatusCommand.class, EventingCommand.Start.class, EventingCommand.Stop.class,
                EventingCommand.Restart.class, ReloadCommand.class, WebhookAddCommand.class, WebhookModCommand.class,
                WebhookDelCommand.class, WebhookTestCommand.class, WebhookListCommand.class, ConfigGetCommand.class,
                ConfigSetCommand.class, ConfigResetCommand.class, DeadLettersCommand.class, DeadLettersReplayCommand.class,
                SyncCommand.class, ClusterSecretCommand.class, TailCommand.class, DisableCommand.class, EnableCommand.class,
                FiltersCommand.class, DedupeCommand.class, PluginConfigCommand.class, PipelineCommand.class, BundleCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 error (dead-letters-replay: some dead letters kept), 2 same value, "
                + "3 no node OK, 4 some nodes not OK, 5 webhook already exists, 6 webhook does not exist, "
                + "7 invalid config name, 8 webhooks sync failed, 9 config sync failed."})
public final class EventsApi {
    /** The commands that only group others ({@code bundle list}). */
    private static final java.util.Set<String> GROUPS = java.util.Set.of("bundle");

    private EventsApi() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new EventsApi());
        boolean json = Arrays.asList(args).contains("--json");
        // Anything unforeseen (a file that cannot be written, say) still ends as PROTOCOL §4 says:
        // a message on stderr, or the JSON envelope on stdout, and exit 1.
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            new Output(line.getOut(), line.getErr(), json).error(exception.toString());
            return ExitCode.ERROR;
        });
        String[] reordered = commandFirst(args);
        if (onlyGlobalOptions(reordered)) {
            try {
                System.exit(InteractiveShell.run(commandLine, reordered));
            } catch (java.io.IOException e) {
                System.err.println("gluster-eventsapi: no interactive terminal: " + e.getMessage());
                System.exit(ExitCode.ERROR);
            }
        }
        System.exit(commandLine.execute(reordered));
    }

    /** No sub-command, at most {@code --workdir DIR}: the interactive shell, for that workdir. */
    private static boolean onlyGlobalOptions(String[] args) {
        return args.length == 0 || (args.length == 2 && args[0].equals("--workdir"))
                || (args.length == 1 && args[0].startsWith("--workdir="));
    }

    /**
     * Lets {@code --json} and {@code --workdir DIR} stand before the sub-command too
     * ({@code gluster-eventsapi --json status}), as scripts of the existing tool write them.
     */
    static String[] commandFirst(String[] args) {
        List<String> global = new ArrayList<>();
        int i = 0;
        while (i < args.length && (args[i].equals("--json") || args[i].equals("--workdir") || args[i].startsWith("--workdir="))) {
            global.add(args[i]);
            if (args[i].equals("--workdir") && i + 1 < args.length) global.add(args[++i]);
            i++;
        }
        if (global.isEmpty() || i == args.length) return args;
        List<String> reordered = new ArrayList<>();
        reordered.add(args[i]);
        // a command group's options are its sub-command's: bundle list --json
        if (GROUPS.contains(args[i]) && i + 1 < args.length && !args[i + 1].startsWith("-")) reordered.add(args[++i]);
        reordered.addAll(global);
        reordered.addAll(Arrays.asList(args).subList(i + 1, args.length));
        return reordered.toArray(String[]::new);
    }
}
