package dev.modeldock.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
public record CommandLine(int exit, String out, String err) {

    public static CommandLine run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ModelDockCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLine(exit, out.toString(), err.toString());
    }
}
