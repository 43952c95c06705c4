package dev.modeldock.cli;

import picocli.CommandLine.Command;

/** {@code users}: what an operator does for the server's users from its machine. */
@Command(name = "users", mixinStandardHelpOptions = true, subcommands = SetPasswordCommand.class,
        description = "Manages the registry server's users from the command line.")
final class UsersCommand {
}
