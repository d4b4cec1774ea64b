package io.github.cometlyexport.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a command line that does not parse without echoing anything the user typed: picocli's own messages quote
 * the values ({@code Unknown option: '--apikey=sk_live_…'}), and a mistyped option's value may be a key. Options
 * are named by their declared names only; unknown arguments are described, never shown. Exit code 2.
 */
final class SafeParseErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        java.io.PrintWriter err = line.getErr();
        err.println("error: " + describe(ex));
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // Suggestions are our own option and command names.
            err.println("Did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?");
        }
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE.code;
    }

    static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> names = unmatched.getUnmatched().stream().map(SafeParseErrors::nameOnly).distinct()
                    .collect(Collectors.toList());
            return "not understood: " + String.join(", ", names);
        }
        if (ex instanceof CommandLine.MissingParameterException missing) {
            return "missing: " + missing.getMissing().stream().map(SafeParseErrors::label)
                    .collect(Collectors.joining(", "));
        }
        ArgSpec spec = ex.getArgSpec();
        return spec == null ? "the command line could not be read" : "invalid value for " + label(spec);
    }

    /** An unknown option by its name (what precedes {@code =}); anything else only as "an argument". */
    private static String nameOnly(String arg) {
        if (arg.startsWith("-")) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            // A name with characters no option has is a value in disguise.
            return name.matches("-{1,2}[A-Za-z][A-Za-z0-9-]{0,40}") ? "unknown option " + name : "an argument";
        }
        return "an extra argument (not shown)";
    }

    private static String label(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }
}
