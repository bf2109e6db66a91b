package org.gluster.events.shell;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.gluster.events.api.webhook.DeadLetter;
import org.gluster.events.api.webhook.DeadLetterFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dead-letters", description = {
        "List the events webhooks never took (dead letters).",
        "A dead letter is an event a webhook refused (a 4xx other than 429) or that still failed when it was "
                + "webhook-max-age-hours old. They are kept one JSON object a line in "
                + "<workdir>/events/dead-letters.jsonl; --json prints the entries as the file holds them.",
        "Send them again with dead-letters-replay."})
final class DeadLettersCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** As the file is written: Python-style floats may include NaN. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @Mixin
    CommonOptions common;

    @Option(names = "--webhook", paramLabel = "URL", description = "Only the dead letters of this webhook.")
    String webhook;

    @Override
    public Integer call() throws Exception {
        Output output = common.output();
        DeadLetterFile file = DeadLetterFile.inWorkdir(common.layout().workdir());
        List<DeadLetterFile.Line> lines;
        try {
            lines = file.read();
        } catch (IOException e) {
            output.error("cannot read " + file.path() + ": " + e.getMessage());
            return ExitCode.ERROR;
        }
        List<List<String>> rows = new ArrayList<>();
        List<Object> entries = new ArrayList<>();
        for (DeadLetterFile.Line line : lines) {
            DeadLetter letter = line.letter();
            if (letter == null) {
                common.spec.commandLine().getErr().println("line " + line.number() + " of " + file.path()
                        + " is not a dead letter (" + line.problem() + "); skipped");
                continue;
            }
            if (webhook != null && !webhook.equals(letter.webhook())) continue;
            rows.add(List.of(letter.id(), letter.webhook(), TIME.format(Instant.ofEpochSecond(letter.failedAt())),
                    letter.reason(), letter.event().name()));
            entries.add(JSON.readValue(line.text(), Map.class));
        }
        common.spec.commandLine().getErr().flush();
        String text = rows.isEmpty() ? "No dead letters"
                : Output.table(List.of("ID", "WEBHOOK", "FAILED AT", "REASON", "EVENT"), rows) + "\n"
                        + rows.size() + " dead letter(s) in " + file.path();
        output.result(text, entries);
        return ExitCode.OK;
    }
}
