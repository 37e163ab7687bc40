export default definePageConfig({ navigationBarTitleText: '我的工单', enablePullDownRefresh: true })
