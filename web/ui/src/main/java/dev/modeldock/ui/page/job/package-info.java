/** The job page ({@code /jobs/{id}}): a job's progress and log, followed live over Server-Sent Events. */
package dev.modeldock.ui.page.job;
