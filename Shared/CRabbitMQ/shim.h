// Bridges librabbitmq (rabbitmq-c) into Swift.
// rabbitmq-c 0.11 installs its headers flat in /usr/include; 0.12+ under rabbitmq-c/.
#ifndef RJHUB_CRABBITMQ_SHIM_H
#define RJHUB_CRABBITMQ_SHIM_H

#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#else
#include <amqp.h>
#include <amqp_tcp_socket.h>
#endif

/// `amqp_login` is C-variadic and cannot be called from Swift; this wrapper fixes the
/// SASL PLAIN mechanism and its two arguments.
static inline amqp_rpc_reply_t rjhub_amqp_login_plain(
    amqp_connection_state_t state, const char *vhost, int channel_max, int frame_max,
    int heartbeat, const char *username, const char *password) {
  return amqp_login(state, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN,
                    username, password);
}

/// Like `rjhub_amqp_login_plain`, but also sends client properties (for example
/// `connection_name`, which RabbitMQ shows in `rabbitmqctl list_connections`).
static inline amqp_rpc_reply_t rjhub_amqp_login_plain_with_properties(
    amqp_connection_state_t state, const char *vhost, int channel_max, int frame_max,
    int heartbeat, const amqp_table_t *properties, const char *username,
    const char *password) {
  return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat, properties,
                                    AMQP_SASL_METHOD_PLAIN, username, password);
}

#endif
