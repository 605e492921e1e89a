import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticatedUser } from '@lianxin/auth';
import { requestLoader } from '@lianxin/graphql';
import type { GraphQLContext } from '../graphql-context.js';
import type { PointAccount } from '../points/point-account.entity.js';
import { PointsQueryService } from '../points/points-query.service.js';
import { PointAccountKind } from '../points/points-enums.js';
import { PersonPoints } from '../points/points.types.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { VolunteerService } from '../volunteer/volunteer.service.js';
import { PersonReference } from './person.reference.js';

/**
 * Fields this subgraph contributes to people's Person. Both are nullable, so an outage here leaves the
 * rest of the person intact; each costs one query per request however many persons are asked for.
 */
@Resolver(() => PersonReference)
export class PersonFieldsResolver {
  constructor(
    private readonly volunteerService: VolunteerService,
    private readonly pointsService: PointsQueryService,
  ) {}

  @ResolveReference()
  resolveReference(reference: { id: string }): PersonReference {
    return { id: reference.id };
  }

  @ResolveField(() => Volunteer, { nullable: true, description: 'The person\'s volunteer record, if they are one and you may see it. 志愿者信息' })
  volunteer(@Parent() person: PersonReference, @Context() context: GraphQLContext): Promise<Volunteer | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, Volunteer>(context, 'volunteerOfPerson', async (personIds) => {
      const byPerson = new Map((await this.volunteerService.byPersons(user, personIds)).map((volunteer) => [volunteer.personId, volunteer]));
      return personIds.map((id) => byPerson.get(id) ?? null);
    }).load(person.id);
  }

  @ResolveField(() => PersonPoints, {
    nullable: true,
    description: 'Points balances by account kind (双积分), if the person has accounts you may see: your own, or staff in their area. 个人积分',
  })
  async points(@Parent() person: PersonReference, @Context() context: GraphQLContext): Promise<PersonPoints | null> {
    const user = authenticatedUser(context);
    const accounts = await requestLoader<string, PointAccount[]>(context, 'accountsOfPerson', async (personIds) => {
      const byPerson = await this.pointsService.accountsOfPersons(user, personIds);
      return personIds.map((id) => byPerson.get(id) ?? null);
    }).load(person.id);
    if (!accounts?.length) return null;
    const balanceOf = (kind: PointAccountKind) => accounts.find((account) => account.kind === kind)?.balance ?? null;
    return { civic: balanceOf(PointAccountKind.CIVIC), party: balanceOf(PointAccountKind.PARTY), accounts };
  }
}
