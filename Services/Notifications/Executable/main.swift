import Notifications
import ServiceAssembly

// `rjhub-notifications`: runs the notifications service until SIGTERM (see `rjhub env` for its settings).
try await HubServiceRunner.run(try NotificationsService.definition())
