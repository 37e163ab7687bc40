export default definePageConfig({ navigationBarTitleText: '派单队列', enablePullDownRefresh: true })
