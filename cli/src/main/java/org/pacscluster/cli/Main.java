package org.pacscluster.cli;

import java.util.ServiceLoader;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.io.InvalidSettingException;
import org.pacscluster.io.OutputConflictException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pacscluster} command: parses arguments, runs a sub-command, turns failures into one-line errors. */
@Command(name = "pacscluster", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cluster the images of a PACS from their pixels alone (CAE, CDEC, CIDEC; HOG, LBP, PCA).",
        subcommands = {
                InspectCommand.class, IngestCommand.class, EvaluateCommand.class,
                TrainCommand.class, PredictCommand.class, ExperimentCommand.class, AuditCommand.class,
                SweepCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool in-process and returns its exit code (tests use this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            Object command = plugin.command();
            cl.addSubcommand(new CommandLine(command).getCommandName(), command);
        }
        cl.setExecutionExceptionHandler(new OneLineErrors());
        return cl.execute(args);
    }

    /** Any failure becomes "error: message" on stderr and exit 1; the stack trace only with PACSCLUSTER_DEBUG=1. */
    static final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            Throwable t = ex;
            while ((t instanceof java.io.UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                    || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
                t = t.getCause();
            }
            String msg = t instanceof InvalidSettingException s ? SettingNames.message(s, cl.getCommandSpec()) : t.getMessage();
            if (msg == null || msg.isBlank()) msg = t.getClass().getSimpleName();
            if (t instanceof java.nio.file.NoSuchFileException) msg = "no such file: " + msg;
            if (t instanceof java.nio.file.AccessDeniedException) msg = "permission denied: " + msg;
            if (t instanceof OutputConflictException c && c.overwritable()
                    && cl.getCommandSpec().findOption("--overwrite") != null) {
                msg += "; choose another output or add --overwrite to replace it";
            }
            cl.getErr().println("error: " + msg.lines().findFirst().orElse(msg));
            if ("1".equals(System.getenv("PACSCLUSTER_DEBUG"))) t.printStackTrace(cl.getErr());
            return 1;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.tool(), BuildInfo.runtime()};
        }
    }
}
