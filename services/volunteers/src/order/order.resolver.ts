import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, ConnectionType, PageArgs, requestLoader } from '@lianxin/graphql';
import { ADMIN_ROLES, READ_ROLES, STAFF_ROLES } from '../common/access.js';
import { PersonReference, personRef } from '../federation/person.reference.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { VolunteerService } from '../volunteer/volunteer.service.js';
import {
  ClaimOrderInput,
  CompleteOrderInput,
  ConfirmOrderInput,
  PublishServiceOrderInput,
  RepublishOrderInput,
  RequestServiceOrderInput,
  ReviewServiceOrderInput,
  ServiceOrderFilter,
} from './order.inputs.js';
import { OrderService } from './order.service.js';
import { ServiceOrder } from './service-order.entity.js';

export const ServiceOrderConnection = ConnectionType(ServiceOrder, 'ServiceOrder', 'Service orders, newest first. 服务单');

@ObjectType({ description: 'The order after the change. 变更后的服务单' })
export class ServiceOrderPayload {
  @Field(() => ServiceOrder, { description: 'The order. 服务单' })
  order: ServiceOrder;
}

@Resolver(() => ServiceOrder)
export class OrderResolver {
  constructor(
    private readonly orders: OrderService,
    private readonly volunteers: VolunteerService,
  ) {}

  @Query(() => ServiceOrder, { description: 'One service order you may see. 按ID查询服务单' })
  @Roles(...READ_ROLES)
  serviceOrder(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Order id. 服务单ID' }) id: string): Promise<ServiceOrder> {
    return this.orders.get(user, id);
  }

  @Query(() => ServiceOrderConnection, {
    description: 'Service orders: staff their area, volunteers their village, residents their own; newest first. 服务单列表',
  })
  @Roles(...READ_ROLES)
  serviceOrders(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => ServiceOrderFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: ServiceOrderFilter,
  ) {
    return this.orders.list(user, filter, page);
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Publish a need or micro-wish for the volunteers of a village (社区派单). 发布服务单' })
  @Roles(...STAFF_ROLES)
  async publishServiceOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: PublishServiceOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.publish(user, input) };
  }

  @Mutation(() => ServiceOrderPayload, { description: '§8.6: order a service or publish a micro-wish in your own village, as your linked person; the community reviews it (群众点单). 群众点单' })
  @Roles(Role.RESIDENT, Role.VOLUNTEER)
  async requestServiceOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The request. 输入' }) input: RequestServiceOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.request(user, input) };
  }

  @Mutation(() => ServiceOrderPayload, { description: '§8.6: publish a resident\'s request for the volunteers (社区派单) or decline it with a reason. 审核群众点单' })
  @Roles(...ADMIN_ROLES)
  async reviewServiceOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The review. 输入' }) input: ReviewServiceOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.review(user, input) };
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Claim an open order of your village; one volunteer at a time (党员接单). 接单' })
  @Roles(Role.VOLUNTEER)
  async claimOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ClaimOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.claim(user, input) };
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Report your claimed order done. 完成服务单' })
  @Roles(Role.VOLUNTEER)
  async completeOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CompleteOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.complete(user, input) };
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Confirm a completed order: the community, or the resident who ordered it. 确认服务单' })
  @Roles(...STAFF_ROLES, Role.RESIDENT)
  async confirmOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ConfirmOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.confirm(user, input) };
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Publish an expired order again with a new deadline. 重新派单' })
  @Roles(...STAFF_ROLES)
  async republishOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RepublishOrderInput): Promise<ServiceOrderPayload> {
    return { order: await this.orders.republish(user, input) };
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'The resident who ordered it. 点单群众' })
  requester(@Parent() order: ServiceOrder): PersonReference | null {
    return personRef(order.requesterPersonId);
  }

  @ResolveField(() => Volunteer, { nullable: true, description: 'The volunteer who holds it, if you may see them. 接单志愿者' })
  claimant(@Parent() order: ServiceOrder, @Context() context: GraphQLContext): Promise<Volunteer | null> {
    return order.claimantVolunteerId ? this.volunteers.loader(context).load(order.claimantVolunteerId) : Promise.resolve(null);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<ServiceOrder | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, ServiceOrder>(context, 'serviceOrder', async (ids) =>
      byKeys(ids, await this.orders.findVisible(user, ids), (order) => order.id),
    ).load(reference.id);
  }
}
