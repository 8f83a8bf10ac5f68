import fp from 'fastify-plugin';
import { TelegramBridge } from '../../telegram/telegram-bridge.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Present only when TELEGRAM_BOT_TOKEN is set. */
    telegram?: TelegramBridge;
  }
}

/**
 * The Telegram bridge (registered only with TELEGRAM_BOT_TOKEN): its task on
 * the job runner, word to linked chats when a queued write settles, and the
 * webhook set or polling begun once the server is ready.
 */
export default fp(
  async (app) => {
    const { services } = app;
    const bridge = new TelegramBridge(services.config.telegram!, {
      db: app.db,
      chat: services.chat,
      proposals: services.proposals,
      calendar: services.calendar,
      now: services.now,
      log: app.log.child({ component: 'telegram' }),
      jobs: app.jobs,
      publicUrl: services.config.publicUrl,
    });
    app.jobs.handle('telegram-chat', (task) => bridge.drainChat(task));
    const stopListening = services.proposals.onSettled((event) => bridge.tellSettled(event));
    app.addHook('onReady', async () => {
      bridge.start();
      // Updates answered 200 by a process that died before handling them are still waiting in their chats' inboxes.
      await bridge.resumeWaitingChats();
    });
    app.addHook('onClose', async () => {
      stopListening();
      await bridge.close();
    });
    app.decorate('telegram', bridge);
  },
  { name: 'telegram', dependencies: ['services', 'jobs'] },
);
