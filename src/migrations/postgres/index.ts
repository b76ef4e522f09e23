import * as migration_20261124_195427_initial from './20261124_195427_initial';
import * as migration_20261124_200723_workflow from './20261124_200723_workflow';
import * as migration_20261124_201745_scheduling from './20261124_201745_scheduling';
import * as migration_20261124_224616_webhooks from './20261124_224616_webhooks';
import * as migration_20261124_231733_comments from './20261124_231733_comments';
import * as migration_20261124_232953_cache from './20261124_232953_cache';
import * as migration_20261124_235022_articles_published_index from './20261124_235022_articles_published_index';
import * as migration_20261125_184032_delivery_store from './20261125_184032_delivery_store';
import * as migration_20261201_205557_sign_in_throttle from './20261201_205557_sign_in_throttle';
import * as migration_20261201_235611_slugs_redirects_import_identity from './20261201_235611_slugs_redirects_import_identity';
import * as migration_20261202_000733_pages from './20261202_000733_pages';
import * as migration_20261202_010003_original_url from './20261202_010003_original_url';
import * as migration_20261202_030318_editions from './20261202_030318_editions';
import * as migration_20261202_031524_editions_history from './20261202_031524_editions_history';
import * as migration_20261202_035158_editions_delivery from './20261202_035158_editions_delivery';
import * as migration_20261202_080000_search from './20261202_080000_search';

export const migrations = [
  {
    up: migration_20261124_195427_initial.up,
    down: migration_20261124_195427_initial.down,
    name: '20261124_195427_initial',
  },
  {
    up: migration_20261124_200723_workflow.up,
    down: migration_20261124_200723_workflow.down,
    name: '20261124_200723_workflow',
  },
  {
    up: migration_20261124_201745_scheduling.up,
    down: migration_20261124_201745_scheduling.down,
    name: '20261124_201745_scheduling',
  },
  {
    up: migration_20261124_224616_webhooks.up,
    down: migration_20261124_224616_webhooks.down,
    name: '20261124_224616_webhooks',
  },
  {
    up: migration_20261124_231733_comments.up,
    down: migration_20261124_231733_comments.down,
    name: '20261124_231733_comments',
  },
  {
    up: migration_20261124_232953_cache.up,
    down: migration_20261124_232953_cache.down,
    name: '20261124_232953_cache',
  },
  {
    up: migration_20261124_235022_articles_published_index.up,
    down: migration_20261124_235022_articles_published_index.down,
    name: '20261124_235022_articles_published_index',
  },
  {
    up: migration_20261125_184032_delivery_store.up,
    down: migration_20261125_184032_delivery_store.down,
    name: '20261125_184032_delivery_store',
  },
  {
    up: migration_20261201_205557_sign_in_throttle.up,
    down: migration_20261201_205557_sign_in_throttle.down,
    name: '20261201_205557_sign_in_throttle',
  },
  {
    up: migration_20261201_235611_slugs_redirects_import_identity.up,
    down: migration_20261201_235611_slugs_redirects_import_identity.down,
    name: '20261201_235611_slugs_redirects_import_identity',
  },
  {
    up: migration_20261202_000733_pages.up,
    down: migration_20261202_000733_pages.down,
    name: '20261202_000733_pages',
  },
  {
    up: migration_20261202_010003_original_url.up,
    down: migration_20261202_010003_original_url.down,
    name: '20261202_010003_original_url',
  },
  {
    up: migration_20261202_030318_editions.up,
    down: migration_20261202_030318_editions.down,
    name: '20261202_030318_editions',
  },
  {
    up: migration_20261202_031524_editions_history.up,
    down: migration_20261202_031524_editions_history.down,
    name: '20261202_031524_editions_history',
  },
  {
    up: migration_20261202_035158_editions_delivery.up,
    down: migration_20261202_035158_editions_delivery.down,
    name: '20261202_035158_editions_delivery'
  },
  {
    up: migration_20261202_080000_search.up,
    down: migration_20261202_080000_search.down,
    name: '20261202_080000_search',
  },
];
