package io.minewatch.gateway.cli;

import io.minewatch.gateway.demo.DemoCommand;
import io.minewatch.simulators.bench.BenchCommand;
import io.minewatch.simulators.cli.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code minewatch} command line: {@code demo}, {@code run --config FILE}, {@code check-config FILE},
 * {@code opcua-browse URL}, {@code journal verify PATH...}, {@code hash-password}.
 */
public final class Main {

    static final String USAGE = """
            usage: minewatch <command> [options]

              demo [--mqtt-port N] [--opcua-port N] [--http-port N] [--data DIR]
                                      run everything embedded: MQTT broker, OPC UA substation, simulated coal mine
                                      (over MQTT) and tailings pond (over OPC UA), gateway, embedded store;
                                      control room API at http://127.0.0.1:8080
              run --config FILE       run the gateway with a configuration file
              check-config FILE       validate a configuration file and explain what it sets up
              opcua-browse URL [--root NODE] [--depth N] [--security none|basic256sha256]
                    [--security-mode sign|sign_and_encrypt] [--username U --password P]
                    [--pki-dir DIR] [--trust-on-first-use yes] [--server-object yes]
                                      print an OPC UA server's address space as a tree, with the node ids
                                      to map in collectors.opcua (certificates in data/opcua by default)
              journal verify [--after HASH] PATH...
                                      check the alarm journal's hash chain (the journal directory, or journal
                                      files in order, continuing from HASH if given); exit 1 naming the first
                                      entry altered, removed or inserted
              hash-password           print the password_hash of a password for users: in the configuration
                                      (asked twice on a terminal, else one line from standard input)
              export --config FILE --sensor ID[,ID] --from T --to T [--step D|raw] [--format csv|json]
                    [--out FILE] [--kind K]
                                      stream a history out of the configured store (CSV by default, raw
                                      unless --step), with a progress bar on stderr
              replay --config FILE --sensor ID[,ID] --from T --to T [--speed N|max] [--rules FILE]
                    [--compare-rules FILE [--format json|csv]]
                                      replay stored readings through a separate rule engine and print the
                                      alarm transitions; with --compare-rules, a what-if report
            """ + SimulateCommand.USAGE + BenchCommand.USAGE + """
              help                    this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    private static int hashPassword(String[] args, PrintStream out, PrintStream err) {
        try {
            return new HashPasswordCommand(out, err, System.console(), System.in).run(args);
        } catch (java.io.IOException e) {
            err.println("minewatch hash-password: standard input unreadable: " + e.getMessage());
            return 1;
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "demo" -> new DemoCommand(out, err).run(rest);
                case "run" -> new RunCommand(out, err).run(rest);
                case "check-config" -> new CheckConfigCommand(out, err).run(rest);
                case "opcua-browse" -> new OpcUaBrowseCommand(out, err).run(rest);
                case "journal" -> new JournalCommand(out, err).run(rest);
                case "hash-password" -> hashPassword(rest, out, err);
                case "simulate" -> new SimulateCommand(out, err, java.time.Clock.systemUTC()).run(rest);
                case "bench" -> new BenchCommand(out, err).run(rest);
                case "export" -> new ExportCommand(out, err, java.time.Clock.systemUTC()).run(rest);
                case "replay" -> new ReplayCommand(out, err, java.time.Clock.systemUTC()).run(rest);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("minewatch: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("minewatch " + args[0] + ": " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }
}
