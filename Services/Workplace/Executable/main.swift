import Workplace

// `rjhub-workplace`: runs the staff's web app until SIGTERM (see `rjhub env` for its settings).
try await WorkplaceService.run()
