import * as migration_20261124_195422_initial from './20261124_195422_initial';

export const migrations = [
  {
    up: migration_20261124_195422_initial.up,
    down: migration_20261124_195422_initial.down,
    name: '20261124_195422_initial'
  },
];
