/** The browser tests' parts: a real server with the web UI ({@link dev.modeldock.ui.browser.UiServer}) and Debian's Chromium driven by Selenium ({@link dev.modeldock.ui.browser.Browser}). */
package dev.modeldock.ui.browser;
