/**
 * The command line, {@code java -jar modeldock.jar}: one picocli command per class
 * ({@link dev.modeldock.cli.ModelDockCommand} is the entry point), each translating options into
 * calls of the engine or the server's services and printing results, with one-line errors.
 *
 * <p>Internal to the application: not an API.
 */
package dev.modeldock.cli;
