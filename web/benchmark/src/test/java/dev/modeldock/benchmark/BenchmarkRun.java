package dev.modeldock.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A benchmark command line run in-process, with what it printed, and the figures read back from it. */
record BenchmarkRun(int exit, String out, String err) {
    static final String NUMBER = "(\\d+(?:\\.\\d+)?)";

    static BenchmarkRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BenchmarkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new BenchmarkRun(exit, out.toString(), err.toString());
    }

    /** The first group of {@code regex}'s first match in what the command printed, as a number. */
    double number(String regex) {
        return Double.parseDouble(find(regex));
    }

    /** The first group of {@code regex}'s first match in what the command printed. */
    String find(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + out + err);
        return m.group(1);
    }
}
