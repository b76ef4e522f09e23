import * as migration_20261124_195422_initial from './20261124_195422_initial';
import * as migration_20261124_200820_workflow from './20261124_200820_workflow';
import * as migration_20261124_201739_scheduling from './20261124_201739_scheduling';
import * as migration_20261124_224611_webhooks from './20261124_224611_webhooks';
import * as migration_20261124_231724_comments from './20261124_231724_comments';
import * as migration_20261124_232944_cache from './20261124_232944_cache';
import * as migration_20261124_235017_articles_published_index from './20261124_235017_articles_published_index';
import * as migration_20261125_184022_delivery_store from './20261125_184022_delivery_store';
import * as migration_20261201_205535_sign_in_throttle from './20261201_205535_sign_in_throttle';
import * as migration_20261201_235605_slugs_redirects_import_identity from './20261201_235605_slugs_redirects_import_identity';
import * as migration_20261202_000725_pages from './20261202_000725_pages';
import * as migration_20261202_005953_original_url from './20261202_005953_original_url';
import * as migration_20261202_025927_editions from './20261202_025927_editions';
import * as migration_20261202_031517_editions_history from './20261202_031517_editions_history';
import * as migration_20261202_035147_editions_delivery from './20261202_035147_editions_delivery';
import * as migration_20261202_080000_search from './20261202_080000_search';
import * as migration_20261202_130000_search_by_date from './20261202_130000_search_by_date';

export const migrations = [
  {
    up: migration_20261124_195422_initial.up,
    down: migration_20261124_195422_initial.down,
    name: '20261124_195422_initial',
  },
  {
    up: migration_20261124_200820_workflow.up,
    down: migration_20261124_200820_workflow.down,
    name: '20261124_200820_workflow',
  },
  {
    up: migration_20261124_201739_scheduling.up,
    down: migration_20261124_201739_scheduling.down,
    name: '20261124_201739_scheduling',
  },
  {
    up: migration_20261124_224611_webhooks.up,
    down: migration_20261124_224611_webhooks.down,
    name: '20261124_224611_webhooks',
  },
  {
    up: migration_20261124_231724_comments.up,
    down: migration_20261124_231724_comments.down,
    name: '20261124_231724_comments',
  },
  {
    up: migration_20261124_232944_cache.up,
    down: migration_20261124_232944_cache.down,
    name: '20261124_232944_cache',
  },
  {
    up: migration_20261124_235017_articles_published_index.up,
    down: migration_20261124_235017_articles_published_index.down,
    name: '20261124_235017_articles_published_index',
  },
  {
    up: migration_20261125_184022_delivery_store.up,
    down: migration_20261125_184022_delivery_store.down,
    name: '20261125_184022_delivery_store',
  },
  {
    up: migration_20261201_205535_sign_in_throttle.up,
    down: migration_20261201_205535_sign_in_throttle.down,
    name: '20261201_205535_sign_in_throttle',
  },
  {
    up: migration_20261201_235605_slugs_redirects_import_identity.up,
    down: migration_20261201_235605_slugs_redirects_import_identity.down,
    name: '20261201_235605_slugs_redirects_import_identity',
  },
  {
    up: migration_20261202_000725_pages.up,
    down: migration_20261202_000725_pages.down,
    name: '20261202_000725_pages',
  },
  {
    up: migration_20261202_005953_original_url.up,
    down: migration_20261202_005953_original_url.down,
    name: '20261202_005953_original_url',
  },
  {
    up: migration_20261202_025927_editions.up,
    down: migration_20261202_025927_editions.down,
    name: '20261202_025927_editions',
  },
  {
    up: migration_20261202_031517_editions_history.up,
    down: migration_20261202_031517_editions_history.down,
    name: '20261202_031517_editions_history',
  },
  {
    up: migration_20261202_035147_editions_delivery.up,
    down: migration_20261202_035147_editions_delivery.down,
    name: '20261202_035147_editions_delivery'
  },
  {
    up: migration_20261202_080000_search.up,
    down: migration_20261202_080000_search.down,
    name: '20261202_080000_search',
  },
  {
    up: migration_20261202_130000_search_by_date.up,
    down: migration_20261202_130000_search_by_date.down,
    name: '20261202_130000_search_by_date',
  },
];
