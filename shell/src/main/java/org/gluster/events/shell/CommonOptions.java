package org.gluster.events.shell;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.gluster.events.launcher.Layout;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every sub-command takes. */
final class CommonOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--json", description = "Print the result as JSON: {\"output\": ..., \"error\": \"\"}.")
    boolean json;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "The glusterd working directory (default: $GLUSTERD_WORKDIR, /var/lib/glusterd as root on a "
                    + "Gluster node, else the user's state folder, as for glustereventsd).")
    String workdir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    Layout layout() {
        Path home = Path.of(System.getProperty("glustereventsd.home", ".")).toAbsolutePath().normalize();
        return Layout.decide(home, workdir, System.getenv(), "root".equals(System.getProperty("user.name")));
    }

    Output output() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new Output(out, err, json);
    }
}
