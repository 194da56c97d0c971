package org.pacscluster.cli;

import java.util.ServiceLoader;
import org.pacscluster.io.BuildInfo;
import org.pacscluster.io.InvalidSettingException;
import org.pacscluster.io.ReadLimits;
import org.pacscluster.io.SafeText;
import org.pacscluster.io.Secrets;
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
        // out of memory in a thread of the runtime (an HTTP client's, a pool's) would leave the command waiting
        // forever for it: end the process instead, with one line (batch code catches it per file before this)
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof VirtualMachineError) {
                System.err.println("error: " + outOfMemory(e) + " (in thread " + thread.getName() + ")");
                Runtime.getRuntime().halt(1);
            }
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace();   // what the JVM would print: a bug, not an input's fault
        });
        System.exit(run(args));
    }

    /** Runs the tool in-process and returns its exit code (tests use this). */
    public static int run(String... args) {
        ReadLimits.install(ReadLimits.defaults());   // commands with limit options install theirs
        CommandLine cl = new CommandLine(new Main());
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            Object command = plugin.command();
            cl.addSubcommand(new CommandLine(command).getCommandName(), command);
        }
        cl.setExecutionExceptionHandler(new OneLineErrors());
        try {
            return cl.execute(args);
        } catch (VirtualMachineError e) {
            cl.getErr().println("error: " + outOfMemory(e));
            cl.getErr().flush();
            return 1;
        }
    }

    static String outOfMemory(Throwable e) {
        if (!(e instanceof OutOfMemoryError)) return e.toString();
        return "out of memory (Java heap " + ReadLimits.size(Runtime.getRuntime().maxMemory()) + "): give Java more with"
                + " PACSCLUSTER_JAVA_OPTS=-Xmx..., or use fewer --threads";
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
            // the message may quote a URL, a config line, a file name or a label: no secret, no terminal escape
            cl.getErr().println("error: " + SafeText.forTerminal(Secrets.redact(msg.lines().findFirst().orElse(msg))));
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
