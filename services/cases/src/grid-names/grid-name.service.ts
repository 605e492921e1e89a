import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

@Injectable()
export class GridNameService {
  constructor(private readonly em: EntityManager) {}

  /** Names of the given grids, by code; grids whose events have not arrived are missing. */
  async namesOf(codes: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.em.execute<Array<{ code: string; name: string }>>('select "code", "name" from "grid_name" where "code" in (?)', [codes]);
    return new Map(rows.map((row) => [row.code, row.name]));
  }
}
