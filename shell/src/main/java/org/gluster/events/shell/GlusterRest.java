package org.gluster.events.shell;

import java.util.Arrays;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gluster-rest}: the applications allowed to use the REST and WebSocket API of the cluster
 * ({@code ws://<node>:24010/v1/events}, {@code GET /v1/peers}). A tool of its own, as the seed names
 * it, beside {@code gluster-eventsapi}, which manages webhooks and the daemons.
 */
@Command(name = "gluster-rest", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Register the applications that may use the Gluster REST and WebSocket API of every node: "
                + "ws://<node>:24010/v1/events (the events of the whole cluster) and GET /v1/peers (the nodes).",
                "",
                "  gluster-rest app-add dashboard    prints the application's secret, once",
                "  gluster-rest token dashboard      prints a token valid for an hour",
                "",
                "An application sends its secret or a token as 'Authorization: Bearer ...', or, from a browser "
                + "(which cannot set headers on a WebSocket), as ?access_token=...; without a valid one the answer is 401.",
                "Registrations are cluster config: pushed to every node at once, and taken by a node that was down "
                + "when it is back. Every sub-command takes --json and --workdir; 'gluster-rest help COMMAND' explains one."},
        subcommands = {AppAddCommand.class, AppDelCommand.class, AppListCommand.class, AppTokenCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 error (a bad name or option, an unreadable apps.json), 10 application already exists, "
                + "11 application does not exist, 12 a node did not take the change (it will when it is back)."})
public final class GlusterRest {
    private GlusterRest() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new GlusterRest());
        boolean json = Arrays.asList(args).contains("--json");
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            new Output(line.getOut(), line.getErr(), json).error(exception.toString());
            return ExitCode.ERROR;
        });
        // A usage error is a generic error here: 2 means "same value" to gluster-eventsapi's callers.
        commandLine.setExitCodeExceptionMapper(exception -> ExitCode.ERROR);
        System.exit(commandLine.execute(EventsApi.commandFirst(args)));
    }
}
