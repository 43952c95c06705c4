package dev.modeldock.ui.http;

/**
 * What the layout around every page needs: its title, who looks, and which part of the navigation
 * it belongs to ({@code catalog}, {@code deployments}, {@code targets}, {@code plugins},
 * {@code playground}, {@code users}, {@code account}; empty for none).
 */
public record Chrome(String title, Viewer viewer, String section) {
}
