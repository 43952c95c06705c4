package dev.modeldock.ui.page;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.service.SessionService;

/** The status a form answers with when a service refuses it and the form is shown again with the message. */
final class FormFailure {
    private FormFailure() {
    }

    /**
     * 404 for something unknown, 409 for a conflict (the last admin), 429 for too many wrong passwords,
     * 400 for anything else wrong with the form.
     */
    static int status(ModelDockException e) {
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof SessionService.SignInRefusedException refused && refused.retryAfter() != null) {
            return 429;
        }
        return e instanceof ConflictException ? 409 : 400;
    }
}
