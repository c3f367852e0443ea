package io.github.eventcontracts.cli;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.ContractException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * Entry point. Exit codes: 0 compatible / clean, 1 incompatible / lint errors, 2 bad input. Bad
 * input is reported as {@code file:line:col RULE message} lines on stderr, never as a stack trace.
 */
@Command(name = "schema-cli",
    mixinStandardHelpOptions = true,
    versionProvider = SchemaCli.Version.class,
    description = "Checks Kafka event contracts (Avro .avsc, Protobuf .proto): compatibility and lint.",
    subcommands = {CompatCommand.class, CheckCommand.class, LintCommand.class, CommandLine.HelpCommand.class})
public final class SchemaCli {
  public static final int OK = 0;
  public static final int INCOMPATIBLE = 1;
  public static final int BAD_INPUT = 2;
  public static final int INTERNAL_ERROR = 70;

  /** A converter whose error is the parse method's own message, which lists what is accepted. */
  private static <T> ITypeConverter<T> parsedBy(Function<String, T> parse) {
    return value -> {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    };
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /** Runs the CLI with the given streams; what tests call. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SchemaCli());
    cli.registerConverter(CompatibilityLevel.class, parsedBy(CompatibilityLevel::parse));
    cli.registerConverter(SchemaType.class, parsedBy(SchemaType::parse));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> e instanceof ContractException ? BAD_INPUT : INTERNAL_ERROR);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + e.getMessage());
      err.println("run 'schema-cli " + commandName(e.getCommandLine()) + " --help' for usage");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ContractException bad) {
        bad.diagnostics().forEach(d -> err.println(d.format()));
        return BAD_INPUT;
      }
      if (e instanceof UserInputException bad) {
        err.println("error: " + bad.getMessage());
        return BAD_INPUT;
      }
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println("internal error: " + e + " (please report it with the input that caused it)");
      if (System.getenv("SCHEMA_CLI_DEBUG") != null) {
        err.println(trace);
      }
      return INTERNAL_ERROR;
    });
    return cli.execute(args);
  }

  private static String commandName(CommandLine commandLine) {
    String name = commandLine.getCommandName();
    return "schema-cli".equals(name) ? "" : name;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SchemaCli.class.getPackage().getImplementationVersion();
      return new String[] {"schema-cli " + (version == null ? "dev" : version)};
    }
  }
}
